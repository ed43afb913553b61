"""Printers behind one small interface (base.Printer): a PDF folder, fakes for tests, later CUPS."""
