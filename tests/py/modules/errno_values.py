# errno: the values the board's OSErrors carry (MicroPython's numbering is Linux's) and
# errorcode, which tools use to name an OSError from the device.
import errno
names = ['EPERM', 'ENOENT', 'EIO', 'EBADF', 'EAGAIN', 'ENOMEM', 'EACCES', 'EEXIST', 'ENODEV',
         'EISDIR', 'EINVAL', 'ENOSPC', 'ENOTDIR', 'ENOTEMPTY', 'ETIMEDOUT', 'EINPROGRESS',
         'EALREADY', 'ECONNRESET', 'EADDRINUSE', 'ECONNABORTED', 'ECONNREFUSED', 'EHOSTUNREACH',
         'ENOBUFS', 'ENOTCONN']
for n in names:
    v = getattr(errno, n)
    print(n, v, errno.errorcode[v] == n)
try:
    raise OSError(errno.ENOENT, 'missing')
except OSError as e:
    print(e.errno == errno.ENOENT, e.args)
