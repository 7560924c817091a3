import i18next from '../i18n/i18n.ts';
import { adminEn, adminVi } from './admin-i18n.data.ts';

/** Adds the administration pages' strings (access.*) once their chunk loads; every admin module imports this. */
i18next.addResourceBundle('vi', 'translation', adminVi, true, false);
i18next.addResourceBundle('en', 'translation', adminEn, true, false);
