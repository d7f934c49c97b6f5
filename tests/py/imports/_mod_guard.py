# helper module with a __main__ guard
def main():
    return 'main ran'
NAME = __name__
if __name__ == '__main__':
    print('ERROR: guarded code ran on import')
else:
    print('_mod_guard imported, guard skipped')
