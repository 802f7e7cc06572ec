"""The few colours the window sets itself (everything else follows the system palette)."""

ERROR_STYLE = "QLabel { color: #a40000; }"
