"""The roster import: schools, groups, teachers and their accounts from one XLSX or CSV file."""
