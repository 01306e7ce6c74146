"""The certificates screen (issue, preview, print, issued list, print log, verify) and the
template editor the settings screen embeds."""

from fieldapp.gui.certificates.screen import CertificatesScreen
from fieldapp.gui.certificates.template_editor import TemplateEditor

__all__ = ["CertificatesScreen", "TemplateEditor"]
