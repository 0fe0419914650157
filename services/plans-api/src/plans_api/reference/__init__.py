"""Reference lists the plans are written against (日本標準産業分類)."""
