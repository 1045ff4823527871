import {
  Tab as RACTab,
  TabList as RACTabList,
  TabPanel as RACTabPanel,
  Tabs as RACTabs,
  type TabListProps,
  type TabPanelProps,
  type TabProps,
  type TabsProps,
} from 'react-aria-components';
import { withClass } from './class-names';
import './tabs.css';

/** Arrow keys move between tabs, Tab moves into the panel (WAI-ARIA tabs pattern, by RAC). */
export function Tabs({ className, ...props }: TabsProps) {
  return <RACTabs {...props} className={withClass('ui-tabs', className)} />;
}

export function TabList<T extends object>({ className, ...props }: TabListProps<T>) {
  return <RACTabList {...props} className={withClass('ui-tabs__list', className)} />;
}

export function Tab({ className, ...props }: TabProps) {
  return <RACTab {...props} className={withClass('ui-tabs__tab', className)} />;
}

export function TabPanel({ className, ...props }: TabPanelProps) {
  return <RACTabPanel {...props} className={withClass('ui-tabs__panel', className)} />;
}
