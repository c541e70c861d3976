export { type HeaderState, headerReducer, initialHeaderState } from './use-header-state.js';
export { Header } from './view.js';
