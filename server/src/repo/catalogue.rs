//! Catalogue persistence: categories, products, barcodes, outlet prices, customers.
