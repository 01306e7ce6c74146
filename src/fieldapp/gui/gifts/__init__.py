"""The gifts screen (hand-over, log, stock) and the hand-over form the visits screen reuses."""

from fieldapp.gui.gifts.handover import HandoverDialog, HandoverForm
from fieldapp.gui.gifts.screen import GiftsScreen

__all__ = ["GiftsScreen", "HandoverDialog", "HandoverForm"]
