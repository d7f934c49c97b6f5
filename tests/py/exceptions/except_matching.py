# except clauses match by class, subclass and tuple, first match wins
def which(exc):
    try:
        raise exc
    except (KeyError, IndexError):
        return 'lookup subclass'
    except LookupError:
        return 'LookupError'
    except ArithmeticError as e:
        return 'arith: ' + type(e).__name__
    except Exception:
        return 'Exception'
for exc in (KeyError('a'), IndexError('b'), LookupError('c'), ZeroDivisionError('d'),
            OverflowError('e'), ValueError('f'), UnicodeError('g')):
    print(type(exc).__name__, '->', which(exc))
HANDLED = (ValueError, TypeError)
try:
    raise TypeError('via tuple variable')
except HANDLED as e:
    print('caught', e)
