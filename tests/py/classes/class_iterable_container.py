# a container class implementing the full collection protocol
class Playlist:
    def __init__(self, *songs):
        self.songs = list(songs)
    def __len__(self):
        return len(self.songs)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Playlist(*self.songs[i])
        return self.songs[i]
    def __setitem__(self, i, v):
        self.songs[i] = v
    def __delitem__(self, i):
        del self.songs[i]
    def __contains__(self, s):
        return s.lower() in (x.lower() for x in self.songs)
    def __iter__(self):
        return iter(self.songs)
    def __repr__(self):
        return 'Playlist(%s)' % ', '.join(self.songs)
p = Playlist('Alpha', 'Beta', 'Gamma', 'Delta')
print(len(p), p[0], p[-1], p[1:3], p[::2])
p[1] = 'BETA'
del p[0]
print(p, 'beta' in p, 'alpha' in p, list(p), sorted(p))
print([s[:2] for s in p], ', '.join(reversed(list(p))))
