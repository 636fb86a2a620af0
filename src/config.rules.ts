import { CronExpressionParser } from 'cron-parser';
import Joi from 'joi';

// Rules shared by the settings' joi schemas (src/config.ts and the files beside it).

/** A cron expression that cron-parser accepts (bad schedules stop the process at start). */
export const cronExpression = (fallback: string) =>
  Joi.string()
    .max(100)
    .default(fallback)
    .custom((value: string, helpers) => {
      try {
        CronExpressionParser.parse(value);
        return value;
      } catch {
        return helpers.error('any.invalid');
      }
    });

/** A yes/no setting: true/false or 1/0. */
export const flag = (fallback: boolean) => Joi.boolean().truthy('1').falsy('0').default(fallback);
