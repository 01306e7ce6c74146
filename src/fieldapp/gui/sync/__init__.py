"""Sync in the desktop app: background rounds, the status bar line, the Central server page."""

from fieldapp.gui.sync.controller import SyncController, SyncView
from fieldapp.gui.sync.status import SyncStatusLabel

__all__ = ["SyncController", "SyncStatusLabel", "SyncView"]
