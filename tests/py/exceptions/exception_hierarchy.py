# relationships between built-in exception classes
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (ValueError, Exception), (UnicodeError, ValueError), (TypeError, Exception),
    (NameError, Exception), (AttributeError, Exception), (StopIteration, Exception),
    (RuntimeError, Exception), (NotImplementedError, RuntimeError),
    (AssertionError, Exception), (ImportError, Exception), (OSError, Exception),
    (Exception, BaseException), (KeyboardInterrupt, BaseException), (SystemExit, BaseException),
    (GeneratorExit, BaseException), (KeyboardInterrupt, Exception), (SystemExit, Exception),
    (MemoryError, Exception), (EOFError, Exception), (IndentationError, SyntaxError),
]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
