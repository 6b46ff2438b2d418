"""Contact support: channels, their URL templates, routing by category and urgency, the contact page."""
