# bare raise re-raises the active exception
def inner():
    raise ValueError('original')
def middle():
    try:
        inner()
    except ValueError:
        print('middle saw it, re-raising')
        raise
try:
    middle()
except ValueError as e:
    print('outer caught', e)
def convert():
    try:
        inner()
    except ValueError as e:
        raise TypeError('converted: ' + str(e))
try:
    convert()
except TypeError as e:
    print(e)
try:
    try:
        raise KeyError('k')
    except KeyError as e:
        err = e
    raise err
except KeyError as e2:
    print('re-raised stored exception', e2 is err)
