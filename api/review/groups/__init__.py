"""A research group's hand-over of its graded work to the school, gated by its quota."""
