"""A4 PDFs (fpdf2) and Excel workbooks (openpyxl): pure functions of models."""
