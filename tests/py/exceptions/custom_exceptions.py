# user-defined exception classes and hierarchies
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name):
        super().__init__('not found: ' + name)
        self.name = name
class Invalid(ValueError):
    pass
for exc in (NotFound('x.txt'), Invalid('bad'), AppError('generic', 42)):
    try:
        raise exc
    except NotFound as e:
        print('NotFound', e.name, str(e), e.args)
    except ValueError as e:
        print('ValueError-compatible', type(e).__name__, e.args)
    except AppError as e:
        print('AppError', e.args, str(e))
print(issubclass(Invalid, ValueError), issubclass(NotFound, Exception), isinstance(Invalid('x'), AppError))
class WithStr(Exception):
    def __str__(self):
        return 'custom str for ' + repr(self.args)
try:
    raise WithStr(1, 2)
except WithStr as e:
    print(e)
