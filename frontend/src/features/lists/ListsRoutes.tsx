/** /lists and /lists/:listId. */
import { Route, Routes } from 'react-router';
import ListPage from './ListPage';
import ListsPage from './ListsPage';

export default function ListsRoutes() {
  return (
    <Routes>
      <Route index element={<ListsPage />} />
      <Route path=":listId" element={<ListPage />} />
    </Routes>
  );
}
