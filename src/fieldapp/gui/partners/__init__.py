from fieldapp.gui.partners.screen import PartnersScreen

__all__ = ["PartnersScreen"]
