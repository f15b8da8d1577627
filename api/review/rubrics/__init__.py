"""Each point's rubric per school: the seed (version 0) and the school admin's edited versions."""
