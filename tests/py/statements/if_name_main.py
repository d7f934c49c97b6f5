# the script itself runs with __name__ == '__main__'
def main():
    print('main called')
    return 0
print(__name__)
if __name__ == '__main__':
    main()
else:
    print('imported')
print(__name__ == '__main__', type(__name__).__name__)
