"""Screen flows as pure state machines: no Qt, no readers, no database."""
