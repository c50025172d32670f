/** /lending and /lending/:person. */
import { Route, Routes } from 'react-router';
import LendingPage from './LendingPage';
import PersonPage from './PersonPage';

export default function LendingRoutes() {
  return (
    <Routes>
      <Route index element={<LendingPage />} />
      <Route path=":person" element={<PersonPage />} />
    </Routes>
  );
}
