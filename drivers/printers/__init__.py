"""Printers behind one small interface (base.Printer): a PDF folder, fakes, a CUPS queue."""
