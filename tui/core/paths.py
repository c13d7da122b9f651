"""Where the corpus, the index and the user's state live, resolved from flags and environment."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_path, user_state_path

APP_NAME = "briefs"

# A source checkout: tui/ sits beside briefs/ and index/.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _is_project_checkout() -> bool:
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "briefs").is_dir()


@dataclass(frozen=True)
class Paths:
    """The three folders briefs works with."""

    corpus: Path
    index: Path
    state: Path

    @classmethod
    def resolve(
        cls,
        corpus: str | os.PathLike[str] | None = None,
        index: str | os.PathLike[str] | None = None,
        state: str | os.PathLike[str] | None = None,
    ) -> Paths:
        """Flags win over the environment, which wins over the defaults.

        Defaults: in a source checkout, its `briefs/` and `index/`; otherwise the user's data folder
        for briefs and a cache folder (one per corpus) for the index.
        """
        corpus_path = _pick(corpus, "BRIEFS_CORPUS")
        if corpus_path is None:
            if _is_project_checkout():
                corpus_path = PROJECT_ROOT / "briefs"
            else:
                corpus_path = Path.home() / "briefs"
        corpus_path = corpus_path.expanduser().resolve()

        index_path = _pick(index, "BRIEFS_INDEX")
        if index_path is None:
            if corpus_path == (PROJECT_ROOT / "briefs").resolve():
                index_path = PROJECT_ROOT / "index"
            else:
                digest = hashlib.sha1(str(corpus_path).encode()).hexdigest()[:12]
                index_path = user_cache_path(APP_NAME) / f"index-{digest}"
        state_path = _pick(state, "BRIEFS_STATE") or user_state_path(APP_NAME)
        return cls(
            corpus=corpus_path,
            index=index_path.expanduser().resolve(),
            state=state_path.expanduser().resolve(),
        )


def _pick(value: str | os.PathLike[str] | None, env: str) -> Path | None:
    if value is not None and str(value) != "":
        return Path(value)
    from_env = os.environ.get(env, "")
    return Path(from_env) if from_env else None
