"""The instruments of the workbook as ipywidgets components, each bound to the store."""
