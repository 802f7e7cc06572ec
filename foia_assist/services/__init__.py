"""Application services: letters, bulk export, calendar, mail. No Qt."""
