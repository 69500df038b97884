"""The workspace: a signed-in person's home, composed of the practices, the dialogue and the
registry by what their roles let them do; and the header's links for those roles."""
