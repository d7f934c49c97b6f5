# retry loop with for/else and exception handling
class ConnError(OSError):
    pass
attempts = {'n': 0}
def flaky():
    attempts['n'] += 1
    if attempts['n'] < 3:
        raise ConnError('attempt %d failed' % attempts['n'])
    return 'connected after %d' % attempts['n']
for i in range(5):
    try:
        result = flaky()
    except OSError as e:
        print('retrying:', e)
        continue
    print(result)
    break
else:
    print('gave up')
attempts['n'] = -10
for i in range(2):
    try:
        flaky()
        break
    except OSError:
        pass
else:
    print('gave up after', i + 1)
print(issubclass(ConnError, OSError), issubclass(OSError, Exception))
