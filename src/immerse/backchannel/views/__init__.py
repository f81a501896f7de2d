"""The listening pages, one module per area: ``dashboard`` (dashboard, explore, notes,
network file), ``sources`` (sources, uploads, settings), ``wall`` (the wall and its
moderation)."""
