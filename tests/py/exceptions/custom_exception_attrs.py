# custom exceptions carrying structured data
class HTTPError(Exception):
    def __init__(self, status, reason='unknown'):
        super().__init__(status, reason)
        self.status = status
        self.reason = reason
    def is_client_error(self):
        return 400 <= self.status < 500
class NotFoundError(HTTPError):
    def __init__(self, path):
        super().__init__(404, 'not found')
        self.path = path
def fetch(path):
    if path == '/missing':
        raise NotFoundError(path)
    if path == '/broken':
        raise HTTPError(500, 'server error')
    return 'content of ' + path
for p in ('/index', '/missing', '/broken'):
    try:
        print(fetch(p))
    except NotFoundError as e:
        print('404 for', e.path, e.status, e.reason, e.is_client_error(), e.args)
    except HTTPError as e:
        print('HTTP', e.status, e.reason, e.is_client_error())
