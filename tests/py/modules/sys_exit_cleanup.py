# finally blocks and __exit__ run while SystemExit propagates
import sys
class CM:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print('__exit__ saw', t.__name__)
        return False
def work():
    with CM():
        try:
            sys.exit(2)
        finally:
            print('finally ran')
try:
    work()
except SystemExit as e:
    print('exit args', e.args)
try:
    try:
        sys.exit(5)
    except Exception:
        print('not caught by Exception')
except SystemExit as e:
    print('caught by SystemExit handler', e.args)
