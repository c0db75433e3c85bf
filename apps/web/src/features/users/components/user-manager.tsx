"use client";

import { Role, type Role as RoleT } from "@outflow/schemas/roles";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { FocusableButton } from "@/components/focusable-button";
import { FormField } from "@/components/form-field";
import { MoreButton } from "@/components/more-button";
import { OkNotice } from "@/components/ok-notice";
import { useInlinePanel } from "@/components/use-inline-panel";
import { useViewer } from "@/features/session/viewer-context";
import { createUser, deleteUser, updateUser, useUserList } from "../queries";

/** Admins create users, change their roles and reset their passwords. */
export function UserManager() {
  const t = useTranslations("admin.users");
  const shell = useTranslations("shell");
  const me = useViewer();
  const list = useUserList();
  const qc = useQueryClient();
  const [form, setForm] = useState({ name: "", email: "", password: "", role: "viewer" as RoleT });
  const [notice, setNotice] = useState<string | null>(null);
  const [resetFor, setResetFor] = useState<{ id: string; email: string } | null>(null);
  const [newPassword, setNewPassword] = useState("");
  const refresh = () => qc.invalidateQueries({ queryKey: ["users"] });

  const create = useMutation({
    mutationFn: createUser,
    onSuccess: (u) => {
      setNotice(t("created", { email: u.email }));
      setForm({ name: "", email: "", password: "", role: "viewer" });
      void refresh();
    },
  });
  const update = useMutation({
    mutationFn: (v: { id: string; role?: RoleT; password?: string }) => updateUser(v.id, { role: v.role, password: v.password }),
    onSuccess: (u, v) => {
      if (v.password) {
        setNotice(t("passwordReset", { email: u.email }));
        setResetFor(null);
        setNewPassword("");
      }
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteUser, onSuccess: () => void refresh() });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    create.mutate(form);
  };

  return (
    <>
      <div className="page-header">
        <h1>{t("title")}</h1>
      </div>
      <OkNotice>{notice}</OkNotice>
      <section className="panel stack" aria-label={t("create")}>
        <h2>{t("create")}</h2>
        <form className="inline-fields" onSubmit={submit}>
          <FormField required label={t("name")} name="name" htmlFor="user-name">
            {(control) => <input {...control} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </FormField>
          <FormField required label={t("email")} name="email" htmlFor="user-email">
            {(control) => <input {...control} type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
          </FormField>
          <FormField required label={t("password")} name="password" htmlFor="user-password">
            {(control) => (
              <input
                {...control}
                type="password"
                required
                minLength={8}
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            )}
          </FormField>
          <FormField label={t("role")} name="role" htmlFor="user-role">
            {(control) => (
              <select {...control} value={form.role} onChange={(e) => setForm({ ...form, role: Role.parse(e.target.value) })}>
                {Role.options.map((r) => (
                  <option key={r} value={r}>
                    {shell(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t("create")}
          </button>
        </form>
        <ul className="muted small">
          {Role.options.map((r) => (
            <li key={r}>{t(`roleHelp.${r}`)}</li>
          ))}
        </ul>
      </section>
      <ErrorNotice error={create.error ?? update.error ?? remove.error ?? list.error} />
      {resetFor ? (
        <ResetPasswordForm
          key={resetFor.id}
          email={resetFor.email}
          password={newPassword}
          onPassword={setNewPassword}
          pending={update.isPending}
          onSubmit={() => update.mutate({ id: resetFor.id, password: newPassword })}
          onClose={() => setResetFor(null)}
        />
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("email")}</th>
              <th>{t("role")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data?.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <select
                    aria-label={t("roleOf", { email: u.email })}
                    value={u.role}
                    disabled={u.id === me.id}
                    onChange={(e) => update.mutate({ id: u.id, role: Role.parse(e.target.value) })}
                  >
                    {Role.options.map((r) => (
                      <option key={r} value={r}>
                        {shell(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="row">
                  <button type="button" aria-label={t("resetPasswordFor", { email: u.email })} onClick={() => setResetFor({ id: u.id, email: u.email })}>
                    {t("resetPassword")}
                  </button>
                  {u.id !== me.id ? (
                    <ConfirmButton
                      label={t("removeNamed", { email: u.email })}
                      confirmLabel={t("remove")}
                      question={t("removeConfirm")}
                      onConfirm={() => remove.mutate(u.id)}
                    >
                      {t("remove")}
                    </ConfirmButton>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <MoreButton list={list} noun="users" />
      </div>
    </>
  );
}

/** A user's new password, opened from their row: it takes focus, Escape or Cancel closes it and focus goes back. */
function ResetPasswordForm(props: {
  email: string;
  password: string;
  onPassword: (p: string) => void;
  pending: boolean;
  onSubmit: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("admin.users");
  const { ref, onKeyDown } = useInlinePanel<HTMLFormElement>(props.onClose, { focus: "field" });
  return (
    <form
      ref={ref}
      className="panel inline-fields"
      aria-label={t("newPasswordFor", { email: props.email })}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <FormField required label={t("newPasswordFor", { email: props.email })} name="newPassword" htmlFor="reset-password">
        {(control) => <input {...control} type="password" required minLength={8} value={props.password} onChange={(e) => props.onPassword(e.target.value)} />}
      </FormField>
      <FocusableButton type="submit" className="primary" disabled={props.pending}>
        {t("resetPassword")}
      </FocusableButton>
      <button type="button" onClick={props.onClose}>
        {t("cancel")}
      </button>
    </form>
  );
}
