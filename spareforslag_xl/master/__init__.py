"""The master workbook: its layout, reading it into a Plan, and writing a Plan into one."""
