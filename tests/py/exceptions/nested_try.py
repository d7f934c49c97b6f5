# nested try statements and propagation order
log = []
def f(kind):
    try:
        try:
            if kind == 'value':
                raise ValueError('v')
            if kind == 'key':
                raise KeyError('k')
            log.append('no error')
        except ValueError:
            log.append('inner caught value')
        finally:
            log.append('inner finally')
    except KeyError:
        log.append('outer caught key')
    finally:
        log.append('outer finally')
for k in ('none', 'value', 'key'):
    log.clear()
    f(k)
    print(k, log)
def deep(n):
    if n == 0:
        raise IndexError('bottom')
    try:
        deep(n - 1)
    finally:
        print('unwinding', n)
try:
    deep(3)
except IndexError as e:
    print('caught', e)
