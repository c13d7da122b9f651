"""Widgets shared by the screens, and the plain helpers they paint with."""
