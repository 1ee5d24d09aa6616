/**
 * Collection activity: the contacts, promises to pay and payment plans of the canonical model read for analysis
 * ({@link io.arscope.activity.CollectionActivity}), and what the payments say of them: whether each promise was
 * kept ({@link io.arscope.activity.PromiseStatus}) and each plan instalment met
 * ({@link io.arscope.activity.PlanStatus}). Statuses are derived, never entered.
 */
package io.arscope.activity;
