# circular imports see partially initialised modules
import _circ_a
import _circ_b
print(_circ_b.SEEN_EARLY, _circ_b.SEEN_LATE)
print(_circ_a.use_b(), _circ_a.A_LATE)
print(_circ_b._circ_a is _circ_a)
