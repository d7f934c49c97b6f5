# raise ... from raises the new exception (cause given or suppressed)
class AppError(Exception):
    pass
def load(key):
    try:
        return {}[key]
    except KeyError as e:
        raise AppError('cannot load ' + key) from e
try:
    load('cfg')
except AppError as e:
    print(type(e).__name__, e, e.args)
try:
    raise AppError('explicit') from ValueError('root cause')
except AppError as e:
    print('caught', e)
try:
    raise AppError('no cause') from None
except AppError as e:
    print('caught', e)
def convert(v):
    try:
        return int(v)
    except ValueError as exc:
        raise TypeError('not a number: %s' % v) from exc
for v in ('12', 'x'):
    try:
        print(convert(v))
    except TypeError as e:
        print(e)
