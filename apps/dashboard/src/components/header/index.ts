export { Header } from './header.js';
export { type HeaderState, headerReducer, initialHeaderState } from './header-reducer.js';
