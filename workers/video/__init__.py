"""Video processing: probing uploads safely and, later, transcoding them."""
