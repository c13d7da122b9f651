"""The screens of the app: library, reader, search, help, and the too-small notice."""
