package assume

// The region a person chose for a session (the editor's region picker): it replaces the profile's
// region in what the session reports (its status, its credentials' Region, so terminals' AWS_REGION and
// the console's) for as long as the store holds the profile, across refreshes, re-assumes and edits of
// the files. STS calls keep going to the profile's region: the choice is where the person works, not
// where the session comes from, so no new session is needed and nothing is asked of STS.

// SetRegion makes region the region of profile's session ("" = the active one); region "" goes back to
// the profile's own. The caller checks that region is a region name.
func (s *Store) SetRegion(profile, region string) (SessionStatus, error) {
	s.mu.Lock()
	name := s.nameOrActive(profile)
	sess := s.sessions[name]
	if sess == nil {
		s.mu.Unlock()
		return SessionStatus{}, &NoSessionError{Profile: name}
	}
	sess.region = region
	st := s.statusOf(name, sess, wallNow())
	s.mu.Unlock()
	s.notify()
	return st, nil
}

// regionOf is the session's region: the chosen one, else the profile's.
func (sess *session) regionOf() string {
	if sess.region != "" {
		return sess.region
	}
	return sess.plan.region()
}
