# sys.exit raises SystemExit carrying the exit code
import sys
for args in ((), (0,), (3,), ('message',), (None,)):
    try:
        sys.exit(*args)
    except SystemExit as e:
        print(args, e.code, isinstance(e, BaseException), isinstance(e, Exception))
try:
    raise SystemExit(7)
except SystemExit as e:
    print('direct', e.code, e.args)
