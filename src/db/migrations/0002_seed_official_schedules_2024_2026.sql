-- Official holiday schedules 2024–2026 (domain A7) where they differ from the rules of domain B1:
-- the day swaps announced each year. Tết, Giỗ Tổ, 2/9 and compensatory days of these years already
-- follow from the rules. Administrators edit these through PUT /api/v1/calendar/overrides/:year.
INSERT INTO "calendar_overrides" ("agency_id", "year", "date", "kind", "reason") VALUES
  (NULL, 2024, '2024-04-29', 'day_off', 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/5/2024)'),
  (NULL, 2024, '2024-05-04', 'working_day', 'Làm bù cho ngày nghỉ 29/4/2024'),
  (NULL, 2025, '2025-05-02', 'day_off', 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/4/2025)'),
  (NULL, 2025, '2025-04-26', 'working_day', 'Làm bù cho ngày nghỉ 02/5/2025'),
  (NULL, 2026, '2026-08-31', 'day_off', 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)'),
  (NULL, 2026, '2026-08-22', 'working_day', 'Làm bù cho ngày nghỉ 31/8/2026');
