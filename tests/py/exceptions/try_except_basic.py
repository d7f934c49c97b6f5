# try/except catching built-in exceptions
def attempt(f):
    try:
        return 'ok: %r' % (f(),)
    except ZeroDivisionError:
        return 'ZeroDivisionError'
    except (KeyError, IndexError) as e:
        return 'lookup: ' + type(e).__name__
    except Exception as e:
        return 'other: ' + type(e).__name__
print(attempt(lambda: 1 / 0))
print(attempt(lambda: {}['k']))
print(attempt(lambda: [][1]))
print(attempt(lambda: int('q')))
print(attempt(lambda: None.attr))
print(attempt(lambda: undefined_name))
print(attempt(lambda: 'a' + 1))
print(attempt(lambda: 42))
try:
    raise ValueError
except ValueError as e:
    print('bare class raised', type(e).__name__, e.args)
try:
    try:
        1 / 0
    except KeyError:
        print('wrong handler')
except ZeroDivisionError:
    print('outer handler caught it')
