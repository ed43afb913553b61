"""Printouts as pure functions data → PDF bytes (ReportLab), and the fonts they embed."""
