import { Navigate, Route, Routes } from "react-router-dom";
import { AppLayout } from "./layout/AppLayout";
import { RequireAuth } from "./layout/RequireAuth";
import { ApplicationPage } from "./pages/applications/ApplicationPage";
import { ApplicationsPage } from "./pages/applications/ApplicationsPage";
import { FolderPage } from "./pages/folders/FolderPage";
import { FoldersPage } from "./pages/folders/FoldersPage";
import { LoginPage } from "./pages/LoginPage";
import { MessagingPage } from "./pages/MessagingPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { UsersPage } from "./pages/users/UsersPage";

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/applications" replace />} />
        <Route path="applications" element={<ApplicationsPage />} />
        <Route path="applications/:id" element={<ApplicationPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="folders" element={<FoldersPage />} />
        <Route path="folders/:id" element={<FolderPage />} />
        <Route path="messaging" element={<MessagingPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
