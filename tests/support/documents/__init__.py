"""Plan documents for the import tests: the model (`model`), the file builders (`builders`) and one module per
seed document (`thanh_xa`, `chi_linh`, `thanh_ha`, `quyet_thang`)."""
