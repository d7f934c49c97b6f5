# exceptions raised inside except and finally blocks
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('during handling')
except ValueError as e:
    print(e)
try:
    try:
        raise KeyError('first')
    finally:
        raise RuntimeError('from finally')
except RuntimeError as e:
    print(e)
except KeyError:
    print('not reached')
def handler_error():
    try:
        raise TypeError('t')
    except TypeError:
        return undefined_variable
try:
    handler_error()
except NameError as e:
    print('NameError from handler', isinstance(e, NameError))
