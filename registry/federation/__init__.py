"""Federation: other public catalogues (open-catalog-api) harvested into this one."""
